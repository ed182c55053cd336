// Placeholder entry until the dashboard lands (issue 6).
export {};
