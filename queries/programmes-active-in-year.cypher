// name: programmes-active-in-year
// description: Programmes running in a given year, with their span and executing agencies.
// param year: 2025 | a calendar year
MATCH (p:Programme)
WHERE p.start_year <= $year AND p.end_year >= $year
OPTIONAL MATCH (p)-[:EXECUTED_BY]->(a:Agency)
WITH p, a ORDER BY a.name
RETURN p.name AS programme, p.start_year AS start_year, p.end_year AS end_year, collect(a.name) AS agencies
ORDER BY programme
