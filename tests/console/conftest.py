import pytest

from tests.console.live import LiveConsole, browser_or_skip


@pytest.fixture(scope="package")
def playwright_browser():
    sync_playwright, executable, args = browser_or_skip()
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=executable, headless=True, args=args)
        yield browser
        browser.close()


@pytest.fixture(scope="package")
def live_console(playwright_browser, tmp_path_factory):
    server = LiveConsole(home=tmp_path_factory.mktemp("console-e2e")).start()
    yield server
    server.stop()


@pytest.fixture
def new_page(playwright_browser, live_console):
    """A fresh browser profile each call (its own cookies), closed after the test."""
    contexts = []

    def make(viewport=None, color_scheme="light"):
        context = playwright_browser.new_context(
            base_url=live_console.url,
            viewport=viewport or {"width": 1280, "height": 800},
            color_scheme=color_scheme,
            timezone_id="Europe/Lisbon",
        )
        context.set_default_timeout(10_000)
        contexts.append(context)
        page = context.new_page()
        page.csp_violations = []
        page.on(
            "console",
            lambda message: (
                "Content Security Policy" in message.text
                and page.csp_violations.append(message.text)
            ),
        )
        return page

    yield make
    for context in contexts:
        context.close()
