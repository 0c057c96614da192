// name: documents
// description: The loaded documents with their edition, publisher, content hash and how many entities each supports.
MATCH (d:Document)
OPTIONAL MATCH (n)-[:MENTIONED_IN]->(d)
RETURN d.name AS document, d.title AS title, d.edition AS edition, d.publisher AS publisher,
       d.family AS family, d.sha256 AS sha256, count(DISTINCT n) AS entities
ORDER BY document
