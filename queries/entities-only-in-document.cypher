// name: entities-only-in-document
// description: Entities that only one loaded document supports, by document and label (all documents when none is named).
// param document: | a loaded file's name; empty for every document
// param limit: 200 | number of rows
MATCH (d:Document)
WHERE $document = '' OR d.name = $document
MATCH (n)
WHERE n.sources = [d.id] AND NOT n:Document
RETURN d.name AS document, labels(n)[0] AS label, n.name AS entity
ORDER BY document, label, entity
LIMIT $limit
