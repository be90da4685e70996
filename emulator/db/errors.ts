/** A refusal of the local cloud's database, answered as `{code, message, requestId}` like the cloud's. */
export class DatabaseError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

export const COLLECTION_NOT_EXIST_MESSAGE =
  '[ResourceNotFound] Db or Table not exist. Please check your request, but if the problem cannot be solved, contact us.';

export function collectionNotExist(): DatabaseError {
  return new DatabaseError('DATABASE_COLLECTION_NOT_EXIST', COLLECTION_NOT_EXIST_MESSAGE);
}

export function transactionConflict(): DatabaseError {
  return new DatabaseError(
    'DATABASE_TRANSACTION_CONFLICT',
    '[WriteConflict] Transaction conflict: another transaction wrote this document. Please retry.',
  );
}

export function duplicateKey(collection: string, index: string): DatabaseError {
  return new DatabaseError(
    'DATABASE_REQUEST_FAILED',
    `E11000 duplicate key error collection: ${collection} index: ${index}`,
  );
}

export function invalidParam(message: string): DatabaseError {
  return new DatabaseError('INVALID_PARAM', message);
}
