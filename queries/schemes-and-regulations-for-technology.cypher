// name: schemes-and-regulations-for-technology
// description: Subsidy schemes and regulations listed for the chapters (fields) in which a technology's programmes are written up.
// param technology (name): 碳化矽 | a technology's name, abbreviation or English name
MATCH (t:Technology)
WHERE $technology IN t.keys
MATCH (t)<-[:DEVELOPS]-(:Programme)-[:DESCRIBED_IN]->(:Article)-[:IN_CHAPTER]->(c:Chapter)
WITH DISTINCT c
MATCH (x)-[r:SUPPORTS|APPLIES_TO]->(c)
RETURN c.name AS chapter, labels(x)[0] AS kind, x.name AS name, coalesce(x.purpose, x.provision) AS detail, r.evidence AS evidence
ORDER BY chapter, kind, name, evidence
