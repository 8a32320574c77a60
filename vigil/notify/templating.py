"""Jinja templates for notifications, in the immutable sandbox, with resource limits.

The sandbox stops attribute tricks; it does not stop a template from exhausting memory
or CPU (`'A'*10**9`, `9**(9**9)`, `range(10**5)` nested three deep). So every render:
- refuses `*`, `%`, `**` and calls whose result would exceed the output limit,
  exponents beyond MAX_EXPONENT, and ranges beyond the range limit;
- streams output and stops at the output limit;
- traces the template's own frames and stops at the render-time limit (loops that
  print nothing included).

A template is a name from the template directories (validated with resolve_safe_name)
or an explicit {"type": "inline", "source": "..."}; a bare string containing Jinja
syntax is refused, so text meant literally is never executed by accident.
"""

import os
import re
import sys
import time
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.conf import settings
from jinja2 import TemplateSyntaxError, Undefined
from jinja2.exceptions import SecurityError
from jinja2.exceptions import TemplateError as JinjaTemplateError
from jinja2.sandbox import ImmutableSandboxedEnvironment

from vigil.core.security.paths import UnsafePathError, open_beneath, resolve_safe_name

BUILTIN_DIR = Path(__file__).parent / "templates" / "notify"
MAX_SOURCE_BYTES = 64 * 1024
MAX_EXPONENT = 128
MAX_POWER_BITS = 4096
_JINJA_SYNTAX = re.compile(r"\{\{|\{%|\{#")
_DIGITS = re.compile(r"\d{6,}")
# Config keys that choose a template: stripped from caller-supplied pipeline config.
TEMPLATE_KEY = re.compile(r"(^|_)template$")

TemplateRef = str | Mapping[str, Any]


class TemplateError(ValueError):
    """A template could not be found, compiled or rendered within its limits."""


@dataclass(frozen=True)
class Limits:
    max_output: int = 65_536
    max_range: int = 1_000
    max_seconds: float = 1.0

    @classmethod
    def from_settings(cls) -> "Limits":
        configured = settings.NOTIFY_TEMPLATE_LIMITS
        return cls(**{k: v for k, v in configured.items() if k in cls.__dataclass_fields__})


class _Budget:
    """Per-render limits, reached from the environment's hooks."""

    def __init__(self, limits: Limits):
        self.limits = limits
        self.start()

    def start(self) -> None:
        self.deadline = time.monotonic() + self.limits.max_seconds

    def check_time(self) -> None:
        if time.monotonic() > self.deadline:
            raise SecurityError(f"render took longer than {self.limits.max_seconds:g} s")

    def check_size(self, size: int, what: str) -> None:
        if size > self.limits.max_output:
            raise SecurityError(f"{what} would be {size} characters; the limit is "
                                f"{self.limits.max_output}")  # fmt: skip

    def check_digits(self, text: str, what: str) -> None:
        # Widths and precisions in format strings: "%999999999d", "{:>999999999}".
        for number in _DIGITS.findall(text):
            self.check_size(int(number), what)


class LimitedEnvironment(ImmutableSandboxedEnvironment):
    intercepted_binops = frozenset({"*", "**", "%", "+"})

    def __init__(self, budget: _Budget):
        super().__init__(autoescape=False, undefined=Undefined)
        self.budget = budget
        self.globals["range"] = self._range
        for name in ("center", "indent", "wordwrap", "truncate", "batch", "slice", "format"):
            self.filters[name] = self._limited_filter(self.filters[name])

    def _range(self, *args: int) -> Iterator[int]:
        numbers = range(*args)
        if len(numbers) > self.budget.limits.max_range:
            raise SecurityError(
                f"range of {len(numbers)} items; the limit is {self.budget.limits.max_range}"
            )
        for number in numbers:
            self.budget.check_time()
            yield number

    def _limited_filter(self, original):
        budget = self.budget

        def limited(value: Any, *args: Any, **kwargs: Any) -> Any:
            for arg in (*args, *kwargs.values()):
                if isinstance(arg, int) and not isinstance(arg, bool):
                    budget.check_size(abs(arg), f"filter {original.__name__} argument")
            if original.__name__ == "do_format" and isinstance(value, str):
                budget.check_digits(value, "formatted string")
            return original(value, *args, **kwargs)

        for attr in ("jinja_pass_arg",):
            if hasattr(original, attr):
                setattr(limited, attr, getattr(original, attr))
        limited.__name__ = original.__name__
        return limited

    def call_binop(self, context, operator: str, left: Any, right: Any) -> Any:
        budget = self.budget
        budget.check_time()
        if operator == "**" and isinstance(left, int) and isinstance(right, int):
            if right > MAX_EXPONENT or abs(left).bit_length() * max(right, 0) > MAX_POWER_BITS:
                raise SecurityError(
                    f"power too large (a {abs(left).bit_length()}-bit number to the {right}); "
                    f"the exponent limit is {MAX_EXPONENT}, the result limit {MAX_POWER_BITS} bits"
                )
        elif operator == "*":
            for seq, count in ((left, right), (right, left)):
                if isinstance(seq, str | list | tuple) and isinstance(count, int):
                    budget.check_size(len(seq) * count, "repetition")
        elif operator == "%" and isinstance(left, str):
            budget.check_digits(left, "formatted string")
        elif operator == "+" and isinstance(left, str | list | tuple):
            budget.check_size(len(left) + len(right), "concatenation")
        return super().call_binop(context, operator, left, right)

    def call(__self, __context, __obj, *args: Any, **kwargs: Any) -> Any:
        budget = __self.budget
        budget.check_time()
        if __obj != __self._range:  # range has its own, tighter limit
            for arg in (*args, *kwargs.values()):
                if isinstance(arg, int) and not isinstance(arg, bool):
                    budget.check_size(abs(arg), "call argument")
        # str.format comes wrapped by the sandbox; the width is in the string itself.
        owner = getattr(getattr(__obj, "__wrapped__", __obj), "__self__", None)
        if isinstance(owner, str):
            budget.check_digits(owner, "formatted string")
        return super().call(__context, __obj, *args, **kwargs)

    def getattr(self, obj: Any, attribute: str) -> Any:
        self.budget.check_time()
        return super().getattr(obj, attribute)


def load_source(ref: TemplateRef) -> str:
    if isinstance(ref, Mapping):
        if ref.get("type") != "inline" or not isinstance(ref.get("source"), str):
            raise TemplateError('an inline template is {"type": "inline", "source": "..."}')
        source = ref["source"]
    elif isinstance(ref, str):
        if _JINJA_SYNTAX.search(ref):
            raise TemplateError(
                "a template name cannot contain Jinja syntax; for an inline template use "
                '{"type": "inline", "source": "..."}'
            )
        source = _read_named(ref)
    else:
        raise TemplateError(f"a template is a name or an inline object, not {type(ref).__name__}")
    if len(source.encode("utf-8")) > MAX_SOURCE_BYTES:
        raise TemplateError(f"template source is larger than {MAX_SOURCE_BYTES} bytes")
    return source


def check_template(ref: TemplateRef) -> None:
    """Load and compile, without rendering: for config validation at save time."""
    source = load_source(ref)
    try:
        LimitedEnvironment(_Budget(Limits())).parse(source)
    except TemplateSyntaxError as exc:
        raise TemplateError(f"syntax error on line {exc.lineno}: {exc.message}") from None


def template_dirs() -> list[Path]:
    extra = settings.NOTIFY_TEMPLATE_DIRS
    return [*(Path(d) for d in extra), BUILTIN_DIR]


def _read_named(name: str) -> str:
    try:
        name = resolve_safe_name(name)
    except UnsafePathError as exc:
        raise TemplateError(f"template name refused: {exc}") from None
    for directory in template_dirs():
        try:
            fd = open_beneath(directory, name, "rb")
        except (FileNotFoundError, NotADirectoryError):
            continue
        except (OSError, UnsafePathError) as exc:
            raise TemplateError(f"template {name!r} cannot be read ({exc})") from None
        with os.fdopen(fd, "rb") as handle:
            data = handle.read(MAX_SOURCE_BYTES + 1)
        try:
            return data.decode("utf-8")
        except UnicodeDecodeError:
            raise TemplateError(f"template {name!r} is not UTF-8") from None
    raise TemplateError(f"no template named {name!r} in {', '.join(map(str, template_dirs()))}")


def render_template(
    ref: TemplateRef, context: Mapping[str, Any], limits: Limits | None = None
) -> str:
    source = load_source(ref)
    return render_source(source, context, limits or Limits.from_settings())


def render_source(source: str, context: Mapping[str, Any], limits: Limits) -> str:
    budget = _Budget(limits)
    env = LimitedEnvironment(budget)
    try:
        template = env.from_string(source)
    except TemplateSyntaxError as exc:
        raise TemplateError(f"syntax error on line {exc.lineno}: {exc.message}") from None
    chunks, size = [], 0
    budget.start()  # compiling is not rendering: the clock starts now
    previous = sys.gettrace()
    sys.settrace(_tracer(budget))
    try:
        for chunk in template.generate(**context):
            size += len(chunk)
            budget.check_size(size, "output")
            chunks.append(chunk)
    except SecurityError as exc:
        raise TemplateError(f"template refused: {exc}") from None
    except JinjaTemplateError as exc:
        raise TemplateError(f"template error: {exc}") from None
    except RecursionError:
        raise TemplateError("template refused: recursion too deep") from None
    except (ArithmeticError, TypeError, ValueError, LookupError, AttributeError) as exc:
        raise TemplateError(f"template error: {exc.__class__.__name__}: {exc}"[:300]) from None
    finally:
        sys.settrace(previous)
    return "".join(chunks)


def _tracer(budget: _Budget):
    # Only frames compiled from a template are traced line by line, so a loop that
    # prints nothing still meets the deadline and the rest of Python runs untraced.
    def local(frame, event, arg):
        if event == "line":
            budget.check_time()
        return local

    def global_(frame, event, arg):
        return local if frame.f_code.co_filename == "<template>" else None

    return global_


def strip_template_keys(config: Mapping[str, Any]) -> dict[str, Any]:
    """Caller-supplied config for pipeline sends: drop every key that picks a template."""
    return {
        key: value
        for key, value in config.items()
        if not TEMPLATE_KEY.search(str(key).lower())
        and not (isinstance(value, Mapping) and value.get("type") == "inline")
    }
