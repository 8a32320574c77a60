import random

import pytest

from vigil.secretscan.rules import RulesError, RuleSet
from vigil.secretscan.samples import GENERATORS, hard_negatives


def test_builtin_rules_cover_at_least_sixty_formats_with_lowercase_keywords():
    rules = RuleSet.load().rules
    assert len(rules) >= 60
    assert len({r.id for r in rules}) == len(rules)
    for rule in rules:
        assert rule.detector or rule.keywords, rule.id
        assert all(k == k.lower() for k in rule.keywords), rule.id


@pytest.mark.parametrize("rule_id", sorted(GENERATORS))
def test_every_sample_format_is_detected_by_its_rule(scanner, rule_id):
    rng = random.Random(rule_id)
    for _ in range(5):
        sample = GENERATORS[rule_id](rng)
        found = scanner.scan_bytes(f"x = 1\n{sample.line}\n".encode(), "app/config.py")
        assert [(f.rule, f.value, f.line) for f in found] == [(rule_id, sample.value, 2)]


def test_hard_negatives_are_not_reported(scanner):
    text = "\n".join(hard_negatives(seed=3)) + "\n"
    assert scanner.scan_bytes(text.encode(), "app/settings.py") == []


def test_user_rules_file_adds_and_replaces_rules(tmp_path, scanner):
    extra = tmp_path / "rules.toml"
    extra.write_text(
        "[[rules]]\n"
        'id = "acme-key"\ndescription = "ACME key"\n'
        "regex = '''\\b(acme_[a-z0-9]{20})\\b'''\nkeywords = [\"acme_\"]\n"
        "[[rules]]\n"
        'id = "npm-access-token"\ndescription = "npm, replaced"\n'
        "regex = '''(npmx_[a-z]{10})'''\nkeywords = [\"npmx_\"]\n"
    )
    rules = RuleSet.load([extra])
    ids = [r.id for r in rules.rules]
    assert ids.count("npm-access-token") == 1 and "acme-key" in ids
    assert next(r for r in rules.rules if r.id == "npm-access-token").description == "npm, replaced"
    assert len(rules.rules) == len(scanner.ruleset.rules) + 1


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ('[[rules]]\nid = "x"\nregex = "("\nkeywords = ["x"]\n', "invalid regex"),
        ('[[rules]]\nid = "x"\nregex = "x"\n', "lacks 'keywords'"),
        (
            '[[rules]]\nid = "x"\nregex = "x"\nkeywords = ["x"]\nvalidate = "luhn"\n',
            "validate='luhn'",
        ),
        ("rules = [", "not valid TOML"),
    ],
)
def test_bad_rules_file_names_the_problem(tmp_path, body, message):
    path = tmp_path / "bad.toml"
    path.write_text(body)
    with pytest.raises(RulesError, match=message):
        RuleSet.load([path])
