// name: technologies-of-agency
// description: Technologies an agency works on through the programmes it executes, strongest first.
// param agency (name): 金屬工業研究發展中心 | an agency's name, short name or abbreviation (金屬中心, MIRDC)
MATCH (a:Agency)
WHERE $agency IN a.keys
MATCH (a)<-[:EXECUTED_BY]-(p:Programme)-[d:DEVELOPS]->(t:Technology)
WITH t, p, d ORDER BY p.name
RETURN t.name AS technology, count(DISTINCT p) AS programmes, toInteger(sum(d.mentions)) AS mentions, collect(DISTINCT p.name) AS via
ORDER BY programmes DESC, mentions DESC, technology
