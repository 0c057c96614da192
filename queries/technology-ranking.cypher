// name: technology-ranking
// description: Technologies ranked by how many programmes develop them and how many agencies take part.
// param limit: 25 | number of rows
MATCH (p:Programme)-[:DEVELOPS]->(t:Technology)
OPTIONAL MATCH (p)-[:EXECUTED_BY]->(a:Agency)
RETURN t.name AS technology, t.abbr AS abbr, count(DISTINCT p) AS programmes, count(DISTINCT a) AS agencies
ORDER BY programmes DESC, agencies DESC, technology
LIMIT $limit
