"""A case page full of attack text, opened in Chromium: nothing runs, nothing navigates."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page

from conftest import FIXTURES, listening, mkdocs_build, violations
from under_constraint.bench.scratch_project import serve_folder

pytestmark = pytest.mark.browser

VALID = (FIXTURES / "cases" / "valid-case.md").read_text(encoding="utf-8")
LAST_LINE = "The model trained in a month.\n"
# Everything here is accepted by the validator: shown as code, escaped, or links that
# the allowlist keeps. Raw attacks are refused before a build; this is what gets through.
HOSTILE_BODY = """
The attack was `<script>alert(document.domain)</script>` and `<img src=x onerror=alert(1)>`.

```html
<meta http-equiv="refresh" content="0;url=https://example.org/">
<iframe src="javascript:alert(1)"></iframe>
```

Escaped: &lt;script&gt;alert(1)&lt;/script&gt; and &lt;a href="javascript:alert(1)"&gt;.

A [relative link](../valid-case/ "title with <b>") and an [https one](https://example.org/?q=<x>).
A footnote.[^x]

| left | right |
|:-----|------:|
| `<svg onload=alert(1)>` | &#60;b&#62; |

[^x]: `javascript:alert(1)` shown as code.
"""


@pytest.fixture(scope="module")
def hostile_site(small_project) -> str:
    text = VALID.replace("A test lab trains", "A hostile case trains").replace(LAST_LINE, LAST_LINE + HOSTILE_BODY)
    (small_project / "cases" / "hostile-case.md").write_text(text, encoding="utf-8")
    result = mkdocs_build(small_project, small_project / "site")
    assert result.returncode == 0, result.stderr[-2000:]
    with serve_folder(small_project / "site") as base:
        yield base


def test_a_hostile_case_page_runs_nothing_and_goes_nowhere(tab: Page, hostile_site):
    dialogs, navigations = [], []

    def dismiss(dialog) -> None:
        dialogs.append(dialog.message)
        dialog.dismiss()

    url = f"{hostile_site}/cases/hostile-case/"
    with listening(tab, dialog=dismiss, framenavigated=lambda frame: navigations.append(frame.url)):
        tab.goto(url)
        tab.wait_for_load_state("networkidle")
        tab.wait_for_timeout(1000)  # well past the 0-second refresh a <meta> would have asked for
        for link in tab.locator(".uc-body a").all():
            link.hover()
    assert dialogs == []
    assert violations(tab) == []
    assert set(navigations) == {url} and tab.url == url
    assert tab.locator(".uc-body code", has_text="<script>alert(document.domain)</script>").count() == 1
    assert tab.locator(".uc-body script, .uc-body iframe, .uc-body img, .uc-body meta").count() == 0
    # The page shows the sanitizer's output, not the renderer's: Ammonia sets rel on every link.
    rels = tab.eval_on_selector_all(".uc-body a[href^='https:']", "links => links.map(a => a.rel)")
    assert rels and set(rels) == {"noopener noreferrer"}
