// name: shortest-connection
// description: The shortest chain (up to five relationships, document links left out) connecting two entities, each found by any of its names.
// param from: 碳化矽 | name or alias of the first entity
// param to: 資訊工業策進會 | name or alias of the second entity
MATCH (a)
WHERE a.name = $from OR toLower(replace($from, ' ', '')) IN a.keys
MATCH (b)
WHERE b.name = $to OR toLower(replace($to, ' ', '')) IN b.keys
WITH a, b LIMIT 1
MATCH path = (a)-[:EXECUTED_BY|DEVELOPS|DESCRIBED_IN|IN_CHAPTER|IN_DOMAIN|SUPPORTS|APPLIES_TO|COVERS|COLLABORATES_WITH*1..5]-(b)
WITH path ORDER BY length(path) LIMIT 1
RETURN [n IN nodes(path) | n.name] AS chain, [r IN relationships(path) | type(r)] AS relationships, length(path) AS hops
