// Provider-shaped error bodies for the `status:<code>` scenario and for bad fake-provider input.

interface Kind {
  anthropic: string;
  openaiType: string;
  openaiCode: string | null;
  message: string;
}

const KINDS: Record<number, Kind> = {
  400: { anthropic: 'invalid_request_error', openaiType: 'invalid_request_error', openaiCode: null, message: 'Invalid request.' },
  401: { anthropic: 'authentication_error', openaiType: 'invalid_request_error', openaiCode: 'invalid_api_key', message: 'Incorrect API key provided.' },
  403: { anthropic: 'permission_error', openaiType: 'invalid_request_error', openaiCode: 'unsupported_country_region_territory', message: 'Permission denied.' },
  404: { anthropic: 'not_found_error', openaiType: 'invalid_request_error', openaiCode: 'model_not_found', message: 'The model does not exist.' },
  413: { anthropic: 'request_too_large', openaiType: 'invalid_request_error', openaiCode: null, message: 'Request exceeds the maximum allowed size.' },
  429: { anthropic: 'rate_limit_error', openaiType: 'requests', openaiCode: 'rate_limit_exceeded', message: 'Rate limit reached. Please try again in 7s.' },
  500: { anthropic: 'api_error', openaiType: 'server_error', openaiCode: null, message: 'The server had an error while processing your request.' },
  503: { anthropic: 'api_error', openaiType: 'server_error', openaiCode: 'service_unavailable', message: 'The service is temporarily unavailable.' },
  529: { anthropic: 'overloaded_error', openaiType: 'server_error', openaiCode: 'overloaded', message: 'Overloaded.' },
};

function kind(status: number): Kind {
  return KINDS[status] ?? {
    anthropic: status >= 500 ? 'api_error' : 'invalid_request_error',
    openaiType: status >= 500 ? 'server_error' : 'invalid_request_error',
    openaiCode: null,
    message: `Fake error with status ${status}.`,
  };
}

export function errorBody(anthropic: boolean, status: number, message?: string): object {
  const k = kind(status);
  const text = message ?? k.message;
  return anthropic
    ? { type: 'error', error: { type: k.anthropic, message: text } }
    : { error: { message: text, type: k.openaiType, param: null, code: k.openaiCode } };
}
