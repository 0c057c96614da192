// name: new-in-edition
// description: Programmes, technologies and agencies that appear in an edition and in no other loaded edition.
// param edition: 2025/2026 | an edition label as stored on documents
MATCH (n)
WHERE (n:Programme OR n:Technology OR n:Agency) AND n.editions = [$edition]
RETURN labels(n)[0] AS label, n.name AS entity
ORDER BY label, entity
