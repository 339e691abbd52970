/**
 * Tables of the rapid-review feature (its migration lives in core/db/migrations/).
 * Until the feature adds its first table this is empty.
 */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface RapidReviewTables {}
