/** The primary model. */
export interface Item {
  id: string;
  status: 'draft' | 'active' | 'paused' | 'archived';
  count: number;
}

/** Joins in Active; no version field, so only its compared fields catch a stale copy. */
export interface Note {
  noteId: string;
  itemId: string;
  stage: 'live' | 'held';
  count: number;
}

/** Joins in Active with a version field. */
export interface Tag {
  tagId: string;
  itemId: string;
  stage: 'live' | 'held';
  count: number;
  version: number;
}
