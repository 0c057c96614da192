// name: agencies-by-technology
// description: Agencies working on a technology, per year, with the programmes and the evidence for both links.
// param technology (name): 碳化矽 | a technology's name, abbreviation or English name (碳化矽, SiC, Silicon Carbide)
// param min_mentions: 1 | least number of mentions of the technology in the programme's article
MATCH (t:Technology)
WHERE $technology IN t.keys
MATCH (p:Programme)-[d:DEVELOPS]->(t)
WHERE d.mentions >= $min_mentions
MATCH (p)-[e:EXECUTED_BY]->(a:Agency)
UNWIND range(p.start_year, p.end_year) AS year
WITH year, a, p, d, e
ORDER BY year, a.name, p.name
RETURN year, a.name AS agency, collect(DISTINCT p.name) AS programmes,
       collect(DISTINCT e.evidence) AS executed_by_evidence,
       collect(DISTINCT d.evidence) AS develops_evidence
ORDER BY year, agency
