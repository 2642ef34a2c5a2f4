"""`suggest.similar` answers as difflib's `get_close_matches`, asking difflib only when it must."""

from __future__ import annotations

import difflib
import subprocess
import sys

from hypothesis import given
from hypothesis import strategies as st

from dossierlint.suggest import NEAR_MISS_RATIO, similar

SLUG = st.text(alphabet="abcdeimnorstu-", min_size=0, max_size=24)


@given(SLUG, st.frozensets(SLUG, max_size=40), st.sampled_from([0.6, NEAR_MISS_RATIO, 0.9]))
def test_similar_is_get_close_matches(
    wanted: str, candidates: frozenset[str], cutoff: float
) -> None:
    expected = difflib.get_close_matches(wanted, sorted(candidates), n=3, cutoff=cutoff)
    assert similar.__wrapped__(wanted, candidates, cutoff) == tuple(expected)


def test_no_candidate_in_reach_no_difflib() -> None:
    """A red link with only far slugs to compare: the answer is known without difflib."""
    code = (
        "import sys; from dossierlint.suggest import similar; "
        "found = similar('greece-marmarsta', frozenset({'zimbabwe-zarruba', 'x'})); "
        "print(found, 'difflib' in sys.modules)"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert done.stdout.split() == ["()", "False"], done.stderr
    code = code.replace("'zimbabwe-zarruba'", "'greece-marmarsat'")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert done.stdout.split() == ["('greece-marmarsat',)", "True"], done.stderr
