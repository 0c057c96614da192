// name: policies-and-coverage
// description: National policies, what the documents say they cover, and how often each policy is mentioned.
// param min_mentions: 1 | least number of mentions across documents
MATCH (p:Policy)
OPTIONAL MATCH (p)-[m:MENTIONED_IN]->(:Document)
WITH p, toInteger(sum(m.count)) AS mentions
WHERE mentions >= $min_mentions
OPTIONAL MATCH (p)-[:COVERS]->(t:Technology)
WITH p, mentions, t ORDER BY t.name
RETURN p.name AS policy, mentions, collect(t.name) AS covers
ORDER BY mentions DESC, policy
