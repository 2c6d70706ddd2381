import json
import subprocess
import sys

import pytest

import xlate
from xlate.errors import ConfigError, InputError
from xlate.report.model import FINDING_TYPES

SRC = ("Rusko udržiava s Venezuelou neustály kontakt, uviedol v utorok hovorca Kremľa Dmitrij Peskov. "
       "Moskva v nedeľu vyzvala Washington a Caracas, aby sa vyhli novému konfliktu. "
       "Americké vojenské operácie v Karibiku si vyžiadali už 61 životov. "
       "Rusko a Venezuela podpísali v máji dohodu o strategickom partnerstve. "
       "Washington neuznáva Madurovo zvolenie za prezidenta. "
       "Za informácie vedúce k jeho zadržaniu ponúkol odmenu 50 miliónov dolárov.")
TGT = ("Russia maintains constant contact with Venezuela, Kremlin spokesman Dmitry Peskov said on Tuesday. "
       "On Sunday, Moscow called on Washington and Caracas to avoid a new conflict. "
       "US military operations in the Caribbean have already claimed 16 lives. "
       "Washington does not recognize Maduro's election as president. "
       "It has offered a $50 million reward for information leading to his capture.")


def test_report_json_schema():
    d = xlate.check(SRC, TGT, "sk", "en").to_dict()
    assert d["schema"] == 2 and d["xlate_version"] == xlate.__version__
    assert {"src_lang", "tgt_lang", "aligner", "checks", "lexicons", "signature"} <= set(d["config"])
    for side, text in (("source", SRC), ("target", TGT)):
        for s in d[side]["sentences"]:
            assert text[s["start"]:s["end"]] == s["text"]
    covered_src = sorted(i for link in d["alignment"] for i in link["src"])
    assert covered_src == list(range(len(d["source"]["sentences"])))
    for f in d["findings"]:
        assert f["type"] in FINDING_TYPES and f["change"] in ("dropped", "added", "altered")
        assert f["severity"] in ("low", "medium", "high") and f["explanation"]
        for key, text in (("src_span", SRC), ("tgt_span", TGT)):
            if f[key]:
                assert text[f[key]["start"]:f[key]["end"]] == f[key]["text"]
    assert json.loads(json.dumps(d)) == d
    assert {"findings_by_type", "consistency_score"} <= set(d["summary"])


def test_finds_the_changed_number_and_the_dropped_sentence():
    r = xlate.check(SRC, TGT, "sk", "en")
    kinds = {(f.type, f.change) for f in r.findings}
    assert ("number", "altered") in kinds
    assert ("omission", "dropped") in kinds
    assert r.summary["consistency_score"] < 100


def test_identical_story_is_clean():
    r = xlate.check(TGT, TGT, "en", "en")
    assert r.findings == [] and r.summary["consistency_score"] == 100.0


def test_language_detection():
    r = xlate.check(SRC, TGT)
    assert (r.config["src_lang"], r.config["tgt_lang"]) == ("sk", "en")
    assert r.config["src_lang_detected"] is True


@pytest.mark.parametrize("kwargs,err", [
    ({"src_lang": "xx"}, ConfigError),
    ({"tgt_lang": "klingon"}, ConfigError),
    ({"bogus_option": 1}, ConfigError),
])
def test_bad_configuration(kwargs, err):
    with pytest.raises(err):
        xlate.check(SRC, TGT, **{"src_lang": "sk", "tgt_lang": "en", **kwargs})


def test_one_side_much_longer_is_refused():
    with pytest.raises(InputError, match="longer"):
        xlate.check(SRC * 60, TGT, "sk", "en")


def test_empty_side_is_refused():
    with pytest.raises(InputError, match="empty"):
        xlate.check("  \n", TGT, "sk", "en")


def test_lexical_path_imports_no_torch():
    code = ("import sys, xlate; xlate.check('Ahoj svet. Je 5 hodín.', 'Hello world. It is 5.', 'sk', 'en');"
            "print('torch' in sys.modules, 'transformers' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["False", "False"]
