"""The provider settings form follows the settings model: its fields always shown, the XML's values checked with it,
`active` shown as eXo reads it, and edits written into the XML text."""

from __future__ import annotations

import pytest

from workbench.core.document import Document
from workbench.targets.exo.ui.forms import ExoProviderForm

pytestmark = pytest.mark.qt

CONFIG = """<configuration>
  <external-component-plugins>
    <target-component>org.exoplatform.webconferencing.WebConferencingService</target-component>
    <component-plugin>
      <name>add.callprovider</name>
      <set-method>addPlugin</set-method>
      <type>org.example.AcmeProvider</type>
      <init-params>
        <properties-param>
          <name>provider-configuration</name>
          <property name="active" value="${{webconferencing.acme.active:{active}}}" />
          <property name="acme-url" value="https://meet.acme.example" />
        </properties-param>
      </init-params>
    </component-plugin>
  </external-component-plugins>
</configuration>
"""


def form_for(tmp_path, qtbot, active: str) -> ExoProviderForm:
    (tmp_path / "configuration.xml").write_text(CONFIG.format(active=active))
    form = ExoProviderForm(Document(tmp_path, "configuration.xml"))
    qtbot.addWidget(form)
    return form


def test_the_model_fields_are_shown_even_when_the_xml_lacks_them(tmp_path, qtbot):
    form = form_for(tmp_path, qtbot, "true")
    assert list(form.edits) == ["active", "description", "acme-url"]
    assert form.edits["description"].text() == "" and form.edits["description"].placeholderText() == "not set"
    assert form.rows.labelForField(form.edits["description"]).toolTip() == "Description shown to administrators."
    assert form.edits["active"].isChecked() and form.banner.isHidden()
    form.edits["description"].textEdited.emit("Video calls")
    assert '<property name="description" value="Video calls"/>' in form.document.text


def test_a_value_the_model_refuses_is_said_and_shown_as_eXo_reads_it(tmp_path, qtbot):
    form = form_for(tmp_path, qtbot, "yes")
    assert not form.banner.isHidden()
    assert form.banner.text() == "`active`: must be true or false (eXo reads any other word as false)"
    assert not form.edits["active"].isChecked()
    form.edits["active"].click()
    assert "${webconferencing.acme.active:true}" in form.document.text  # the placeholder kept, its default set
    assert form.banner.isHidden() and form.edits["active"].isChecked()
