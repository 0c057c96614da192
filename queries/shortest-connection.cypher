// name: shortest-connection
// description: The shortest chain (up to five relationships, document links left out) connecting two entities, each found by any of its names.
// param from (name): 碳化矽 | name or alias of the first entity
// param to (name): 資訊工業策進會 | name or alias of the second entity
MATCH (a)
WHERE $from IN a.keys
MATCH (b)
WHERE $to IN b.keys
WITH a, b ORDER BY a.id, b.id LIMIT 1
// Iterative deepening: longer paths are only searched when no short one exists, which keeps
// the variable-length expansion small (FalkorDB has no undirected shortestPath). Among chains of
// one length, the first by node ids, then relationship types: the same chain on every store.
OPTIONAL MATCH near = (a)-[:EXECUTED_BY|DEVELOPS|DESCRIBED_IN|IN_CHAPTER|IN_DOMAIN|SUPPORTS|APPLIES_TO|COVERS|COLLABORATES_WITH*1..2]-(b)
WITH a, b, near ORDER BY length(near), reduce(s = '', x IN nodes(near) | s + x.id + ' '), reduce(s = '', r IN relationships(near) | s + type(r) + ' ') LIMIT 1
OPTIONAL MATCH far = (a)-[:EXECUTED_BY|DEVELOPS|DESCRIBED_IN|IN_CHAPTER|IN_DOMAIN|SUPPORTS|APPLIES_TO|COVERS|COLLABORATES_WITH*3..4]-(b)
WHERE near IS NULL
WITH a, b, coalesce(near, far) AS found
ORDER BY length(found), reduce(s = '', x IN nodes(found) | s + x.id + ' '), reduce(s = '', r IN relationships(found) | s + type(r) + ' ') LIMIT 1
OPTIONAL MATCH farthest = (a)-[:EXECUTED_BY|DEVELOPS|DESCRIBED_IN|IN_CHAPTER|IN_DOMAIN|SUPPORTS|APPLIES_TO|COVERS|COLLABORATES_WITH*5]-(b)
WHERE found IS NULL
WITH coalesce(found, farthest) AS path
ORDER BY length(path), reduce(s = '', x IN nodes(path) | s + x.id + ' '), reduce(s = '', r IN relationships(path) | s + type(r) + ' ') LIMIT 1
WITH path WHERE path IS NOT NULL
RETURN [n IN nodes(path) | n.name] AS chain, [r IN relationships(path) | type(r)] AS relationships, length(path) AS hops
