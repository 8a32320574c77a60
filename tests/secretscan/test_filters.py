import pytest

from vigil.secretscan import filetypes, filters
from vigil.secretscan.engine import redact_value


def test_github_checksum_accepts_generated_token_and_rejects_one_changed_character(fake):
    token = fake("github-pat").value
    assert filters.valid_github_token(token)
    flipped = token[:10] + ("A" if token[10] != "A" else "B") + token[11:]
    assert not filters.valid_github_token(flipped)


def test_fine_grained_token_checksum_covers_the_last_part(fake):
    token = fake("github-fine-grained-pat").value
    assert token.startswith("github_pat_") and filters.valid_github_token(token)
    assert not filters.valid_github_token(token[:-1] + ("0" if token[-1] != "0" else "1"))


def test_base62_checksum_is_left_padded_to_six_characters():
    assert filters.base62_encode(61) == "00000z"
    assert filters.base62_encode(62) == "000010"


def test_jwt_needs_a_decodable_header_with_an_algorithm(fake):
    assert filters.valid_jwt(fake("jwt").value)
    assert not filters.valid_jwt("eyJub3RoaW5nIjoxfQ.eyJzdWIiOjF9.c2lnbmF0dXJlc2lnbmF0dXJl")


@pytest.mark.parametrize(
    "value",
    [
        "AKIAIOSFODNN7EXAMPLE",
        "${API_TOKEN}",
        "{{ token }}",
        "%(password)s",
        "<token>",
        "xxxxxxxxxxxxxxxx",
        "your_api_key_here",
    ],
)
def test_placeholders_and_references_are_not_secrets(value):
    assert filters.is_placeholder(value)


@pytest.mark.parametrize(
    "value",
    [
        "0f8fad5b-d9cb-469f-a165-70867728950e",  # UUID
        "sha512-7Z2gLLXOpZMcqjbCiyCv0XY7pljM3u2x6wsR8yQe0gWBQ3rpn9z2k5k8OVb0U4oZ3Vf2vxV8W0a2m0J1j2Q==",
        "PKCS7PrivateKeyTypes",
        "settings.SECRET_TOKEN",
        "abcdefghabcdefghabcdefgh",
    ],
)
def test_generic_filters_drop_code_and_hashes(value):
    assert filters.is_generic_false_positive(value)


def test_redacted_preview_never_holds_more_than_four_characters(fake):
    value = fake("stripe-secret-key").value
    preview = redact_value(value)
    assert preview == f"{value[:4]}******** ({len(value)} chars)"
    assert redact_value("short1234") == "s******** (9 chars)"


def test_lockfiles_and_binary_extensions_are_skipped():
    assert filetypes.path_allowed("web/package-lock.json", filetypes.DEFAULT_ALLOW_PATHS)
    assert filetypes.is_binary_path("img/logo.PNG")
    assert not filetypes.is_binary_path("src/app.py")
