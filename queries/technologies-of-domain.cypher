// name: technologies-of-domain
// description: Technologies developed by the programmes of a domain (領域), with how many programmes develop each.
// param domain (name): 半導體及光電 | a domain name as printed, without 領域 (any spelling of it)
MATCH (dom:Domain)
WHERE $domain IN dom.keys
MATCH (dom)<-[:IN_DOMAIN]-(:Chapter)<-[:IN_CHAPTER]-(:Article)<-[:DESCRIBED_IN]-(p:Programme)
MATCH (p)-[d:DEVELOPS]->(t:Technology)
RETURN t.name AS technology, t.abbr AS abbr, count(DISTINCT p) AS programmes, toInteger(sum(d.mentions)) AS mentions
ORDER BY programmes DESC, mentions DESC, technology
