// name: relationship-evidence
// description: The evidence for every relationship between two entities, each found by any of its names, with sources and editions.
// param source: 五大信賴產業 | name or alias of the first entity
// param target: 半導體 | name or alias of the second entity
MATCH (a)-[r]-(b)
WHERE (a.name = $source OR toLower(replace($source, ' ', '')) IN a.keys)
  AND (b.name = $target OR toLower(replace($target, ' ', '')) IN b.keys)
RETURN a.name AS source, type(r) AS relationship, b.name AS target, r.evidence AS evidence,
       r.evidence_rule AS rule, r.sources AS sources, r.editions AS editions
ORDER BY relationship
