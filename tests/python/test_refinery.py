"""The `refinery` Python module, black-box: what a user of the module sees."""
import json
import os
import shutil
import subprocess
import sys
import tempfile
import threading

import pytest

import refinery

SRC = os.environ.get("SRC", os.path.join(os.path.dirname(__file__), "..", ".."))
BUILD = os.environ.get("BUILD", os.path.join(SRC, "build"))


def test_detect_returns_code_point_spans():
    text = "Grüße! Mail jane.doe@gmail.com or call +1 (206) 734-9182."
    spans = refinery.detect(text)
    emails = [s for s in spans if s.type == "EMAIL_ADDRESS"]
    assert len(emails) == 1
    # Offsets index the Python string (code points), not UTF-8 bytes.
    assert text[emails[0].start : emails[0].end] == "jane.doe@gmail.com"
    assert 0 < emails[0].score <= 1
    assert emails[0].detector
    assert "Span(" in repr(emails[0])


def test_detect_types_filter():
    text = "jane.doe@gmail.com, card 4111 1111 1111 1111"
    only_cards = refinery.detect(text, types=["CREDIT_CARD"])
    assert [s.type for s in only_cards] == ["CREDIT_CARD"]
    assert text[only_cards[0].start : only_cards[0].end] == "4111 1111 1111 1111"


def test_anonymize_surrogate_replaces_values_and_logs():
    text = "Write to jane.doe@gmail.com today."
    result = refinery.anonymize(text, operator="surrogate")
    assert "jane.doe@gmail.com" not in result.text
    assert len(result.replacements) == 1
    rep = result.replacements[0]
    assert rep.type == "EMAIL_ADDRESS"
    assert text[rep.start : rep.end] == "jane.doe@gmail.com"
    assert "@" in rep.surrogate and rep.surrogate in result.text


def test_anonymize_leaves_report_only_types_unless_named():
    # As the CLI and the pii_anonymize step: URLs (and organisations) are reported by detect
    # but replaced only when named.
    text = "Mail jane.doe@gmail.com or see https://www.bbc.co.uk/news today."
    assert "URL" in [s.type for s in refinery.detect(text)]
    default = refinery.anonymize(text, operator="placeholder")
    assert default.text == "Mail <EMAIL_ADDRESS> or see https://www.bbc.co.uk/news today."
    named = refinery.anonymize(text, operator="placeholder", types=["URL"])
    assert named.text == "Mail jane.doe@gmail.com or see <URL> today."
    batch = refinery.anonymize_batch({"text": [text]}, operator="placeholder")
    assert batch["text"] == [default.text]


def test_anonymize_placeholder_and_keyed_consistency():
    placeholder = refinery.anonymize("mail jane.doe@gmail.com", operator="placeholder")
    assert placeholder.text == "mail <EMAIL_ADDRESS>"
    a = refinery.anonymize("mail jane.doe@gmail.com", operator="hash", key="s3cret")
    b = refinery.anonymize("again jane.doe@gmail.com", operator="hash", key="s3cret")
    c = refinery.anonymize("again jane.doe@gmail.com", operator="hash", key="other")
    assert a.replacements[0].surrogate == b.replacements[0].surrogate
    assert a.replacements[0].surrogate != c.replacements[0].surrogate
    # The key is handed over only while the anonymizer is built.
    assert "REFINERY_PYTHON_ANONYMIZE_KEY" not in os.environ


def test_bad_arguments_raise_with_the_library_message():
    with pytest.raises(ValueError, match="operator"):
        refinery.anonymize("x", operator="shred")
    with pytest.raises(ValueError, match="hash"):
        refinery.anonymize("mail jane.doe@gmail.com", operator="hash")
    with pytest.raises(KeyError):
        refinery.detect_batch({"content": ["x"]})


def test_score_toxicity():
    scores = refinery.score_toxicity(["You are a fucking idiot.", "Thank you for your help."])
    assert len(scores) == 2
    assert all(0.0 <= s <= 1.0 for s in scores)
    assert scores[0] > scores[1]


def test_batched_functions_for_datasets_map():
    batch = {"text": ["mail jane.doe@gmail.com", "nothing here"], "id": [1, 2]}
    detected = refinery.detect_batch(batch)
    assert [len(d) for d in detected["pii"]] == [1, 0]
    assert detected["pii"][0][0]["type"] == "EMAIL_ADDRESS"
    anonymized = refinery.anonymize_batch(batch, operator="placeholder")
    assert anonymized["text"] == ["mail <EMAIL_ADDRESS>", "nothing here"]
    assert anonymized["pii_replacements"][1] == []
    tox = refinery.score_toxicity_batch(batch)
    assert len(tox["toxicity"]) == 2


def test_threads_share_compiled_objects():
    texts = [f"user{i}@gmail.com" for i in range(200)]
    results = [None] * 4

    def work(k):
        results[k] = [refinery.detect(t)[0].type for t in texts]

    threads = [threading.Thread(target=work, args=(k,)) for k in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert all(r == ["EMAIL_ADDRESS"] * 200 for r in results)


def test_pipeline_runs_like_the_cli(tmp_path):
    data = tmp_path / "in.jsonl"
    data.write_text(
        json.dumps({"id": "a", "text": "mail jane.doe@gmail.com please"}) + "\n"
        + json.dumps({"id": "b", "text": "short"}) + "\n"
        + "not json\n"
    )
    yaml = tmp_path / "p.yaml"
    yaml.write_text(
        "input: in.jsonl\noutput: out\nsteps:\n"
        "  - filter: {where: \"len(text) >= 10\"}\n"
        "  - pii_anonymize: {operator: placeholder}\n"
    )
    summary = refinery.Pipeline.from_yaml(str(yaml)).run(
        input=[str(data)], output=str(tmp_path / "out"), threads=1
    )
    assert summary["records"]["in"] == 3
    assert summary["records"]["rejected"] == 1
    assert summary["records"]["out"] == 1
    out = [json.loads(l) for l in open(tmp_path / "out" / "part-00000-00000.jsonl")]
    assert [r["id"] for r in out] == ["a"]
    assert out[0]["text"] == "mail <EMAIL_ADDRESS> please"
    # Step types are resolved when the run is prepared; the error names the source and line.
    with pytest.raises(ValueError, match="<string>:2: unknown step type 'no_such_step'"):
        refinery.Pipeline.from_string("steps:\n  - no_such_step: {}\n").run(
            input=[str(data)], output=str(tmp_path / "out2"))


def test_pip_installs_the_built_module(tmp_path):
    target = tmp_path / "site"
    # pip builds in the package's folder (build/, *.egg-info): install from a copy so the test
    # never writes into the source tree.
    package = tmp_path / "python"
    shutil.copytree(os.path.join(SRC, "python"), package,
                    ignore=shutil.ignore_patterns("build", "*.egg-info", "__pycache__"))
    env = dict(os.environ, REFINERY_BUILD_DIR=BUILD)
    proc = subprocess.run(
        [sys.executable, "-m", "pip", "install", "--no-build-isolation", "--no-deps",
         "--no-index", "--quiet", "--target", str(target), str(package)],
        env=env, capture_output=True, text=True,
    )
    assert proc.returncode == 0, proc.stderr
    check = subprocess.run(
        [sys.executable, "-c",
         "import refinery, sys; print(refinery.__file__); "
         "print(refinery.detect('anna.berg@gmail.com')[0].type)"],
        env=dict(os.environ, PYTHONPATH=str(target)), capture_output=True, text=True,
    )
    assert check.returncode == 0, check.stderr
    lines = check.stdout.split()
    assert lines[0].startswith(str(target))
    assert lines[1] == "EMAIL_ADDRESS"
