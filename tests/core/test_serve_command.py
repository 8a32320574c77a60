"""`vigil serve` refuses bad flags before it binds anything."""

import pytest
from django.core.management import CommandError, call_command


@pytest.mark.parametrize(
    ("flags", "named"),
    [
        (["--workers", "0"], "--workers"),
        (["--threads", "0"], "--threads"),
        (["--kill-timeout", "0"], "--kill-timeout"),
        (["--kill-timeout", "1801"], "--kill-timeout"),
    ],
)
def test_out_of_range_flags_are_refused(flags, named):
    with pytest.raises(CommandError, match=named):
        call_command("serve", *flags)
