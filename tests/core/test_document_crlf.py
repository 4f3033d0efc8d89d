"""Files with Windows line endings: the buffer holds '\\n', the disk keeps CRLF and its (missing) final newline."""

from workbench.core.document import Document

CRLF = b'{\r\n  "id": "demo",\r\n  "items": [1]\r\n}'


def test_crlf_file_opens_clean_and_edits_save_with_crlf(tmp_path):
    (tmp_path / "a.json").write_bytes(CRLF)
    doc = Document(tmp_path, "a.json")
    assert doc.text == '{\n  "id": "demo",\n  "items": [1]\n}' and not doc.dirty
    assert doc.check_disk() == "unchanged"
    doc.set_value(["name"], "Demo")  # inserts a new line
    doc.append_value(["items"], 2)
    doc.save()
    data = (tmp_path / "a.json").read_bytes()
    assert b"\n" not in data.replace(b"\r\n", b"") and not data.endswith(b"\n")
    assert data.count(b"\r\n") == 4
    assert doc.check_disk() == "unchanged" and not doc.dirty


def test_lf_file_stays_lf_and_final_newline_stays(tmp_path):
    (tmp_path / "a.json").write_bytes(b'{\n  "id": "demo"\n}\n')
    doc = Document(tmp_path, "a.json")
    doc.set_value(["id"], "x")
    doc.save()
    assert (tmp_path / "a.json").read_bytes() == b'{\n  "id": "x"\n}\n'


def test_crlf_written_by_another_editor_reloads_as_lf(tmp_path):
    (tmp_path / "a.json").write_bytes(b'{"id": "a"}\n')
    doc = Document(tmp_path, "a.json")
    (tmp_path / "a.json").write_bytes(CRLF)
    assert doc.check_disk() == "reloaded"
    assert "\r" not in doc.text and doc.value_at(["id"]) == "demo" and not doc.dirty
    doc.set_value(["id"], "b")
    doc.save()
    assert (tmp_path / "a.json").read_bytes() == CRLF.replace(b'"demo"', b'"b"')
