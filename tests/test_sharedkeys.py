"""The keys a change of the merge state looks at: link keys as unify reads them."""

from __future__ import annotations

from graphkit.records import DocumentInfo, Extraction, Label, Node
from graphkit.sharedkeys import link_keys, names
from graphkit.unify import _seen


def test_link_keys_are_the_keys_unify_links_on() -> None:
    node = Node(Label.ORGANIZATION, "organization:甲", "甲科技股份有限公司", ("本公司", "甲科"),
                {"abbr": "ABC", "name_en": "Jia Tech", "short_name": "本公司"})  # fmt: skip
    ex = Extraction(DocumentInfo("d", "sha-d", "test"), "d", (node,), ())
    assert link_keys(node.name, node.props) == _seen([ex])[node.label, node.id].links()
    assert link_keys(node.name, node.props) == {"甲科技股份有限公司", "abc", "jiatech"}
    rows = names(ex, 7, {(node.label, node.id): ("organization:甲科技", "甲科技")})
    assert [(key.split("\x1f")[1], link) for key, _, _, link, _ in rows] == [
        ("甲科技股份有限公司", True), ("本公司", False), ("甲科", False), ("jiatech", True),
        ("abc", True),
    ]  # fmt: skip
    assert {(node_, doc, final) for _, node_, doc, _, final in rows} == {
        ("Organization\x1forganization:甲", 7, "Organization\x1forganization:甲科技")
    }
