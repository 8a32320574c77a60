"""What a person does about a leaked secret: rotate it (by kind of credential, the
`kind` of its rule), then clean the history. Carried by the secret's incident."""

ROTATION: dict[str, list[str]] = {
    "aws": [
        "Deactivate the key now: aws iam update-access-key --user-name <user> "
        "--access-key-id <AKIA…> --status Inactive",
        "Create a new key (aws iam create-access-key --user-name <user>) and put it in the "
        "secret store of every service that used the old one; redeploy them",
        "Delete the old key: aws iam delete-access-key --user-name <user> --access-key-id <AKIA…>",
        "Look for use of the old key in CloudTrail since the commit date (lookup-events "
        "--lookup-attributes AttributeKey=AccessKeyId,AttributeValue=<AKIA…>)",
    ],
    "database": [
        "Change the password on the server: ALTER USER <user> WITH PASSWORD '<new>'; "
        "(PostgreSQL) or ALTER USER '<user>'@'<host>' IDENTIFIED BY '<new>'; (MySQL/MariaDB)",
        "Put the new password in the application's secret store (not the repository) and "
        "restart the services that connect with it",
        "Check the server's connection log for logins from unknown addresses since the "
        "commit date; restrict the user's network access (pg_hba.conf, host grants)",
    ],
    "private-key": [
        "Generate a new key pair: ssh-keygen -t ed25519 -f <new key> (for TLS: a new key "
        "and certificate request, then revoke the old certificate)",
        "Add the new public key to ~/.ssh/authorized_keys on every host that trusted the "
        "old one, and remove the old public key there (find it with ssh-keygen -lf)",
        "Replace the key where it is used (deploy jobs, CI secrets) and delete the old "
        "private key everywhere",
        "Check the hosts' auth logs for logins with the old key since the commit date",
    ],
    "telegram": [
        "In Telegram, open @BotFather, send /revoke and pick the bot: the old token stops "
        "working and BotFather gives a new one",
        "Put the new token in the bot's configuration (Vigil: the Telegram channel's "
        "config) and restart the bot",
        "Review the bot's chats for messages it did not send",
    ],
    "github": [
        "Revoke the token: github.com → Settings → Developer settings → Personal access "
        "tokens (or the organization's token list for fine-grained tokens)",
        "Create a replacement with the fewest scopes and repositories it needs, stored in "
        "a secret store or the CI's secrets",
        "Review the organization's audit log for the token's use since the commit date",
    ],
    "slack": [
        "Regenerate the token or webhook URL in the Slack app's settings (OAuth & "
        "Permissions, or Incoming Webhooks: remove the old URL)",
        "Update the services that post with it from a secret store",
        "Check the workspace's access logs for use since the commit date",
    ],
    "password": [
        "Change the password at the service it belongs to",
        "Put the new one in a secret store, not in the repository; update what uses it",
        "Check the service's login history since the commit date",
    ],
    "token": [
        "Revoke the credential at its issuer and issue a new one",
        "Update every consumer from a secret store, not the repository",
        "Check the issuer's logs for use of the old credential since the commit date",
    ],
}

CLEANUP = [
    "Rotate first (above): a pushed secret stays public whatever happens to history",
    "Report the value: vigil scan_secrets <repo> --history --all-refs --format json "
    "--output findings.json, and keep only this value's findings in the file",
    "Dry run, then rewrite with a 0700 backup mirror: vigil purge_secrets --report "
    "findings.json, then again with --yes (--backup DIR to choose where)",
    "Force-push with a lease: git remote add origin <URL>; git fetch origin; "
    "git push --force-with-lease --all origin; git push --force-with-lease --tags origin",
    "Everyone re-clones (a pull would bring the old commits back); ask the hosting "
    "provider to drop cached views and pull-request refs",
    "Mark the value fixed (admin → Secret findings) and delete the backup once the "
    "rotation is done",
]


def rotation(kind: str) -> list[str]:
    return ROTATION.get(kind, ROTATION["token"])
