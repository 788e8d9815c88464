import pytest

from digest.ingest.detect import detect_language


@pytest.mark.parametrize(
    "text, expected",
    [
        ("The invented province published a plan for robotics and artificial intelligence.", "en"),
        ("虚构的省份发布了机器人和人工智能产业发展计划。", "zh"),
        ("虚构省发布AI和5G产业计划，推动高质量发展。", "zh"),
        ("Situs judi online terpercaya dengan bandar togel resmi dan pasaran terlengkap hari ini", "id"),
        ("Die erfundene Provinz veröffentlichte einen Plan für die Industrie.", "de"),
        ("12345 !!! ...", None),
    ],
)
def test_language(text, expected, kit):
    assert detect_language(text, kit.detector) == expected


def test_detection_is_deterministic(kit):
    text = "An invented paragraph about fictional industrial policy, repeated to be sure."
    assert {detect_language(text, kit.detector) for _ in range(20)} == {"en"}
