// name: relationship-evidence
// description: The evidence for every relationship between two entities, each found by any of its names, with sources and editions.
// param source (name): 五大信賴產業 | name or alias of the first entity
// param target (name): 半導體 | name or alias of the second entity
MATCH (a)-[r]-(b)
WHERE $source IN a.keys AND $target IN b.keys
RETURN a.name AS source, type(r) AS relationship, b.name AS target, r.evidence AS evidence,
       r.evidence_rule AS rule, r.sources AS sources, r.editions AS editions
ORDER BY relationship, source, target, evidence, rule
