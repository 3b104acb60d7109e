import { ServiceError } from "../../protocol/errors";

/** Lambda's errors (encoded as {Type, message} by encodeError for the lambda service). */
export const resourceNotFound = (message: string) => new ServiceError("ResourceNotFoundException", message, 404);
export const resourceConflict = (message: string) => new ServiceError("ResourceConflictException", message, 409);
export const invalidParameter = (message: string) => new ServiceError("InvalidParameterValueException", message, 400);
export const preconditionFailed = (message: string) => new ServiceError("PreconditionFailedException", message, 412);
export const policyLengthExceeded = (message: string) =>
    new ServiceError("PolicyLengthExceededException", message, 400);
