// name: programmes-of-agency
// description: Programmes an agency executes, with their years and the 執行單位 evidence.
// param agency (name): 工業技術研究院 | an agency's name, short name or abbreviation (工研院, ITRI)
MATCH (a:Agency)
WHERE $agency IN a.keys
MATCH (p:Programme)-[e:EXECUTED_BY]->(a)
RETURN p.name AS programme, p.start_year AS start_year, p.end_year AS end_year, e.evidence AS evidence
ORDER BY start_year, programme
