import { ServiceName } from "../../smithy/model";

/**
 * An error the emulator answers with. `type` is the exception name the SDKs map to a class
 * (x-amzn-ErrorType), `status` its HTTP status.
 */
export class ServiceError extends Error {
    constructor(
        readonly type: string,
        message: string,
        readonly status: number,
    ) {
        super(message);
        this.name = type;
    }
}

export const badRequest = (message: string) => new ServiceError("BadRequestException", message, 400);
export const forbidden = (message: string) => new ServiceError("ForbiddenException", message, 403);
export const notFound = (message: string) => new ServiceError("NotFoundException", message, 404);
export const conflict = (message: string) => new ServiceError("ConflictException", message, 409);
export const resourceLimitExceeded = (message: string) =>
    new ServiceError("ResourceLimitExceededException", message, 400);
export const throttled = (message = "The client is being throttled.") =>
    new ServiceError("ThrottledClientException", message, 429);
export const serviceFailure = (message = "The service encountered an unexpected error.") =>
    new ServiceError("ServiceFailureException", message, 500);
export const serviceUnavailable = (message = "The service is currently unavailable.") =>
    new ServiceError("ServiceUnavailableException", message, 503);

/** The Chime error body's `Code` member (the ErrorCode enum) for each exception. */
const CHIME_ERROR_CODES: Record<string, string> = {
    BadRequestException: "BadRequest",
    ConflictException: "Conflict",
    ForbiddenException: "Forbidden",
    NotFoundException: "NotFound",
    ResourceLimitExceededException: "ResourceLimitExceeded",
    ServiceFailureException: "ServiceFailure",
    ServiceUnavailableException: "ServiceUnavailable",
    ThrottledClientException: "Throttled",
    UnauthorizedClientException: "Unauthorized",
    UnknownOperationException: "BadRequest",
};

/** Lambda's errors: the same header, but a body of {Type, message}. */
const LAMBDA_THROTTLE_TYPES = new Set(["TooManyRequestsException"]);

export interface EncodedError {
    status: number;
    headers: Record<string, string>;
    body: string;
}

export function encodeError(service: ServiceName | undefined, error: ServiceError): EncodedError {
    const headers = { "content-type": "application/json", "x-amzn-errortype": error.type };
    if (service === "lambda") {
        const type = error.status >= 500 ? "Service" : "User";
        const body: Record<string, unknown> = { Type: type, message: error.message };
        if (LAMBDA_THROTTLE_TYPES.has(error.type)) body.Reason = "CallerRateLimitExceeded";
        return { status: error.status, headers, body: JSON.stringify(body) };
    }
    const code = CHIME_ERROR_CODES[error.type] ?? error.type.replace(/Exception$/, "");
    return { status: error.status, headers, body: JSON.stringify({ Code: code, Message: error.message }) };
}

/** The error a service uses for throttling, 5xx faults: Lambda has its own names. */
export function faultError(service: ServiceName | undefined, status: 429 | 500 | 503): ServiceError {
    if (service === "lambda") {
        if (status === 429) return new ServiceError("TooManyRequestsException", "Rate exceeded", 429);
        if (status === 500)
            return new ServiceError("ServiceException", "The service encountered an internal error.", 500);
        return new ServiceError("ServiceException", "The service is currently unavailable.", 503);
    }
    if (status === 429) return throttled();
    if (status === 500) return serviceFailure();
    return serviceUnavailable();
}
