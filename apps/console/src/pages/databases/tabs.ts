// The database page's tabs, apart from the page so the router can name them without loading it.

export type DatabaseTab = 'tables' | 'data' | 'sql' | 'publish';
export const DATABASE_TABS: DatabaseTab[] = ['tables', 'data', 'sql', 'publish'];
