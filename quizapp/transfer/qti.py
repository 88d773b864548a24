"""A Canvas quiz: IMS QTI 1.2 items in a zip with its imsmanifest.xml (standard library XML).

text2qti was considered: it has no matching questions and reads its input as Markdown, so
every bank text would need Markdown escaping; the XML is small enough to write directly.
Canvas's question types: multiple_choice, true_false, short_answer, numerical, matching (a
cloze is a short answer whose text shows the blank).
"""

from __future__ import annotations

import hashlib
import io
import zipfile
from collections.abc import Sequence
from xml.etree import ElementTree as ET

from quizapp.bank import LoadedBank
from quizapp.builder import Question

from .formats import Export, exported_questions, filename, numeric_span, numeric_value
from .gift import feedback

QTI_NS = "http://www.imsglobal.org/xsd/ims_qtiasiv1p2"
CP_NS = "http://www.imsglobal.org/xsd/imsccv1p1/imscp_v1p1"
TYPES = {
    "multiple_choice": "multiple_choice_question",
    "true_false": "true_false_question",
    "short_answer": "short_answer_question",
    "cloze": "short_answer_question",
    "numeric": "numerical_question",
    "matching": "matching_question",
}


def ident(*parts: str) -> str:
    """An XML-safe identifier that depends only on the parts (question ids hold colons)."""
    return "g" + hashlib.sha256("\x1f".join(parts).encode()).hexdigest()[:24]


def _sub(parent: ET.Element, tag: str, text: str | None = None, **attrs: str) -> ET.Element:
    element = ET.SubElement(parent, tag, attrs)
    if text is not None:
        element.text = text
    return element


def _material(parent: ET.Element, text: str) -> None:
    _sub(_sub(parent, "material"), "mattext", text, texttype="text/plain")


def _metadata(item: ET.Element, question: Question) -> None:
    fields = _sub(_sub(item, "itemmetadata"), "qtimetadata")
    for label, entry in (
        ("question_type", TYPES[question.kind]),
        ("points_possible", "1.0"),
        ("original_answer_ids", ""),
        ("assessment_question_identifierref", ident("bank-item", question.id)),
    ):
        field = _sub(fields, "qtimetadatafield")
        _sub(field, "fieldlabel", label)
        _sub(field, "fieldentry", entry)


def _processing(item: ET.Element) -> ET.Element:
    processing = _sub(item, "resprocessing")
    outcomes = _sub(processing, "outcomes")
    _sub(outcomes, "decvar", maxvalue="100", minvalue="0", varname="SCORE", vartype="Decimal")
    general = _sub(processing, "respcondition", **{"continue": "Yes"})
    _sub(_sub(general, "conditionvar"), "other")
    _sub(general, "displayfeedback", feedbacktype="Response", linkrefid="general_fb")
    return processing


def _score(processing: ET.Element, score: str, action: str = "Set") -> ET.Element:
    condition = _sub(processing, "respcondition", **{"continue": "No"})
    variables = _sub(condition, "conditionvar")
    _sub(condition, "setvar", score, action=action, varname="SCORE")
    return variables


def _choice_item(presentation: ET.Element, processing: ET.Element, question: Question) -> None:
    response = _sub(presentation, "response_lid", ident="response1", rcardinality="Single")
    render = _sub(response, "render_choice")
    for number, choice in enumerate(question.choices, start=1):
        label = _sub(render, "response_label", ident=f"{number}")
        _material(label, choice)
    right = question.choices.index(question.answer) + 1
    _sub(_score(processing, "100"), "varequal", f"{right}", respident="response1")


def _typed_item(presentation: ET.Element, processing: ET.Element, question: Question) -> None:
    response = _sub(presentation, "response_str", ident="response1", rcardinality="Single")
    if question.kind == "numeric":
        _sub(_sub(response, "render_fib", fibtype="Decimal"), "response_label", ident="answer1")
        span = numeric_span(question)
        either = _sub(_score(processing, "100"), "or")
        _sub(either, "varequal", f"{numeric_value(question):g}", respident="response1")
        both = _sub(either, "and")
        _sub(both, "vargte", f"{span.low:g}", respident="response1")
        _sub(both, "varlte", f"{span.high:g}", respident="response1")
        return
    render = _sub(response, "render_fib")
    _sub(render, "response_label", ident="answer1", rshuffle="No")
    variables = _score(processing, "100")
    for answer in dict.fromkeys([question.answer, *question.accepted]):
        _sub(variables, "varequal", answer, respident="response1")


def _matching_item(presentation: ET.Element, processing: ET.Element, question: Question) -> None:
    rights = list(dict.fromkeys(question.choices or [right for _, right in question.pairs]))
    share = f"{100 / len(question.pairs):.2f}"
    for number, (left, right) in enumerate(question.pairs, start=1):
        response = _sub(presentation, "response_lid", ident=f"response_{number}")
        _material(response, left)
        render = _sub(response, "render_choice")
        for index, choice in enumerate(rights, start=1):
            _material(_sub(render, "response_label", ident=f"{number}_{index}"), choice)
        right_label = f"{number}_{rights.index(right) + 1}"
        variables = _score(processing, share, action="Add")
        _sub(variables, "varequal", right_label, respident=f"response_{number}")


def item(question: Question) -> ET.Element:
    """One question as a QTI item, scored 100 when right, with its feedback."""
    element = ET.Element("item", ident=ident("item", question.id), title=question.id)
    _metadata(element, question)
    presentation = _sub(element, "presentation")
    _material(presentation, question.prompt)
    processing = _processing(element)
    if question.kind in ("multiple_choice", "true_false"):
        _choice_item(presentation, processing, question)
    elif question.kind == "matching":
        _matching_item(presentation, processing, question)
    else:
        _typed_item(presentation, processing, question)
    # Canvas expects feedback after the processing.
    general = _sub(element, "itemfeedback", ident="general_fb")
    _material(_sub(general, "flow_mat"), feedback(question))
    return element


def assessment(loaded: LoadedBank, questions: Sequence[Question]) -> ET.Element:
    root = ET.Element("questestinterop", xmlns=QTI_NS)
    test = _sub(root, "assessment", ident=ident("assessment", loaded.slug), title=loaded.bank.title)
    section = _sub(test, "section", ident="root_section")
    for question in questions:
        section.append(item(question))
    return root


def manifest(loaded: LoadedBank, href: str, assessment_id: str) -> ET.Element:
    root = ET.Element("manifest", identifier=ident("manifest", loaded.slug), xmlns=CP_NS)
    metadata = _sub(root, "metadata")
    _sub(metadata, "schema", "IMS Content")
    _sub(metadata, "schemaversion", "1.1.3")
    _sub(root, "organizations")
    resources = _sub(root, "resources")
    resource = _sub(resources, "resource", identifier=assessment_id, type="imsqti_xmlv1p2")
    _sub(resource, "file", href=href)
    return root


def _xml(element: ET.Element) -> bytes:
    ET.indent(element)
    text: bytes = ET.tostring(element, encoding="utf-8", xml_declaration=True)
    return text


def to_qti(loaded: LoadedBank, questions: Sequence[Question]) -> Export:
    """The zip Canvas imports under Settings → Import course content → QTI .zip file."""
    assessment_id = ident("assessment", loaded.slug)
    href = f"{assessment_id}/{assessment_id}.xml"
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("imsmanifest.xml", _xml(manifest(loaded, href, assessment_id)))
        archive.writestr(href, _xml(assessment(loaded, exported_questions(questions))))
    return Export(buffer.getvalue(), filename(loaded, "-qti.zip"), "application/zip")
