"""The Java token scan reads the provider type through comments, strings and constants correctly."""

from workbench.targets.exo.javascan import scan_java

SOURCE = '''package org.acme.webconferencing; // not "this"
/* getType() { return "commented"; } */
public class AcmeProvider extends org.exoplatform.webconferencing.CallProvider {
  public static final String TYPE = "acme";
  public String getTitle() { String brace = "}"; return "Acme Meet"; }
  @Override
  public String getType() throws IllegalStateException, RuntimeException {
    return AcmeProvider.TYPE;
  }
  String path() { return "/WEB-INF/pages/call.jsp"; }
}
'''


def test_scan_reads_class_superclass_and_returns():
    facts = scan_java(SOURCE)
    assert (facts.package, facts.class_name, facts.superclass) == ("org.acme.webconferencing", "AcmeProvider",
                                                                   "CallProvider")
    assert facts.returns["getType"].value == "acme"
    assert facts.returns["getType"].via == "TYPE"
    assert (facts.returns["getType"].range.start.line, facts.returns["getType"].range.start.column) == (4, 37)
    assert facts.returns["getTitle"].value == "Acme Meet"
    assert "/WEB-INF/pages/call.jsp" in [s.value for s in facts.strings]


def test_unterminated_input_does_not_hang_or_raise():
    for text in ['class A { String getType() { return "x', "/* never closed", "class", 'class A extends']:
        scan_java(text)


def test_constant_aliases_are_followed_to_any_depth_across_classes(tmp_path):
    from workbench.core.files import ProjectFiles
    from workbench.targets.exo.javascan import java_facts, returned_string

    src = tmp_path / "src/main/java/org/acme"
    src.mkdir(parents=True)
    (src / "SkypeProvider.java").write_text(
        "public class SkypeProvider extends CallProvider {\n"
        "  public static final String TYPE = SCHEMA = \"skype\";\n"
        "  public static String SCHEMA;\n"
        "  static final String TITLE = Names.TITLE;\n"
        "  public String getType() { return TYPE; }\n"
        "  public String getTitle() { return SkypeProvider.TITLE; }\n}\n")
    (src / "Names.java").write_text("class Names {\n  static final String TITLE = LABEL, LABEL = Other.LABEL;\n}\n")
    (src / "Other.java").write_text("class Other {\n  static final String LABEL = \"Skype\";\n}\n")
    files = ProjectFiles(tmp_path)
    facts = java_facts(files, "src/main/java/org/acme/SkypeProvider.java")
    roots = ["src/main/java"]
    assert returned_string(files, roots, facts, "getType").value == "skype"
    title = returned_string(files, roots, facts, "getTitle")
    assert title.value == "Skype" and title.range.start.line == 2
