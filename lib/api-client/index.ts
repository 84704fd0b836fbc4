export { ApiError, errorMessage, isApiError, toApiError, type FieldError } from "./api-error";
export { apiFetch, type ApiRequest } from "./api-fetch";
