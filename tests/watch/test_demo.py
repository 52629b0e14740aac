from filet.lib.guard import scan
from filet.resources import demo as resources_demo
from filet.resources.models import FaqEntry, Resource
from filet.watch import demo as watch_demo
from filet.watch.models import Bulletin, WatchItem


def test_the_demo_texts_pass_the_identifier_guard():
    texts = [text for item in watch_demo.ITEMS for text in item[3:7] if text]
    texts += [text for row in resources_demo.RESOURCES for text in row[8:10]]
    texts += [text for entry in resources_demo.FAQ for text in entry]
    assert [(text, scan(text)) for text in texts if scan(text)] == []


def test_the_demo_loads_items_a_bulletin_and_linked_resources(personas, settings, tmp_path):
    settings.FILET_PRIVATE_STORAGE = tmp_path
    organisations = {
        "table": personas.table,
        "dpj": personas.org_a,
        "central": personas.org_b,
    }
    watch_demo.load(organisations, coordinator=personas.coordinator)
    resources_demo.load(organisations, coordinator=personas.coordinator)
    assert WatchItem.objects.count() == 12
    assert Bulletin.objects.count() == 1
    assert Resource.objects.count() == 6
    assert Resource.objects.filter(translation_of__isnull=False).count() == 2
    assert FaqEntry.objects.published().count() == 2
    assert all(resource.size > 100 for resource in Resource.objects.all())
