"""What a story page and the lists show, as data (build_tools/write/views.py)."""
from build_tools.reference.gazetteer import PROVINCE_WIDE
from build_tools.translate.memory import Memory
from build_tools.write.views import Translator, listing_item, newest_first, place_view, story_view, theme_tag
from tests.records_factory import memory, record

ENGLISH = {"鹿城区总工会走访职工": "Lucheng union visits workers", "近日，鹿城区总工会走访职工。": "Recently, the union visited.",
           "走访现场。": "The visit.", "劳模风采": "Model workers", "工会“小灵通”": "Union bulletin"}


def view(r=None, english=ENGLISH, provenance="contributor"):
    r = r or record()
    return story_view(r, Translator(memory(english, provenance)), [listing_item(r, Translator(Memory()))],
                      "http://example.org/p")


def test_every_part_of_the_record_is_on_the_page():
    v = view()
    assert v["title"] == "Lucheng union visits workers · 鹿城区总工会走访职工"
    assert v["fields"]["column"]["en"] == "Union bulletin" and v["fields"]["kicker"] is None
    assert v["banner"] == {"zh": "劳模风采", "en": "Model workers", "provenance": "contributor",
                           "label": "English by the archive's contributors, not professional translators; not reviewed",
                           "engine": "", "model": "", "flags": [], "notes": [], "reviewed": "", "reviewer": "",
                           "translator": "", "note_marks": [], "label_shown": None}
    assert [(p["anchor"], p["kind"], p["lines"]) for p in v["pairs"]] == [("p1", "paragraph", [5, 6]),
                                                                          ("p2", "section_head", [7])]
    assert [c["anchor"] for c in v["captions"]] == ["c1"]


def test_missing_english_is_pending_and_counted():
    v = view(english={})
    assert v["title_en"] is None and v["title"] == "鹿城区总工会走访职工"
    assert v["pairs"][0]["provenance"] == "pending" and v["translation"]["pending"] == v["translation"]["total"]


def test_machine_english_names_its_engine():
    v = view(provenance="machine")
    assert v["translation"]["kinds"] == ["machine", "pending"] and v["translation"]["engines"] == ["Argos zh_en 1.9"]
    assert v["data"]["translation"]["headline"] == {"provenance": "machine", "engine": "Argos", "model": "zh_en 1.9"}


def test_the_story_data_for_the_front_matter():
    data = view()["data"]
    assert data["outlet"] == {"key": "zjgr", "zh": "浙江工人日报", "en": "Zhejiang Workers' Daily",
                              "pinyin": "Zhejiang Gongren Ribao"}
    assert data["date"] == {"value": "2021-04-08", "precision": "day", "display": "April 8, 2021",
                            "source": "sidecar", "evidence": ["printed 2021-04-08"]}
    assert data["place"]["id"] == "wenzhou-lucheng" and data["place"]["city"]["id"] == "wenzhou"
    assert data["themes"] == [{"slug": "worker-assistance", "en": "Worker assistance and care", "zh": "帮扶关爱",
                               "url": "themes/worker-assistance/"}]
    assert data["people"][0]["role_en"] == "Reporter" and data["flags"] == ["photo_story"]
    assert list(data["translation"]) == [p.field for p in record().parts()]
    assert data["source"] == {"file": "page.txt", "lines": [3, 9], "url": "http://example.org/p"}


def test_special_places():
    assert place_view(None)["en"] == "Unplaced" and place_view(None)["url"] == "cities/unplaced/"
    province = place_view(PROVINCE_WIDE)
    assert (province["level"], province["url"]) == ("province", "cities/province-wide/")
    county = place_view("wenzhou-lucheng")
    assert county["city"]["id"] == "wenzhou" and county["label"].endswith("· 鹿城区")


def test_listing_items_sort_newest_first():
    a = listing_item(record(), Translator(Memory()))
    undated = {"value": None, "precision": "none", "display": "Undated", "source": "none", "evidence": []}
    b = listing_item(record(id="zjgr-0a0b0d", attribution={**record().attribution, "date": undated}),
                     Translator(Memory()))
    assert (a["year"], a["date_sort"], b["year"]) == ("2021", "20210408", None)
    assert [i["id"] for i in newest_first([b, a])] == ["zjgr-0a0b0c", "zjgr-0a0b0d"]
    assert theme_tag("worker-assistance") == "Worker assistance and care · 帮扶关爱"
