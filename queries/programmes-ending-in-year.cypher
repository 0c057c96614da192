// name: programmes-ending-in-year
// description: Programmes whose year span ends in a given year, with their agencies.
// param year: 2025 | the last year of the programmes
MATCH (p:Programme {end_year: $year})
OPTIONAL MATCH (p)-[:EXECUTED_BY]->(a:Agency)
WITH p, a ORDER BY a.name
RETURN p.name AS programme, p.start_year AS start_year, collect(a.name) AS agencies
ORDER BY programme
