/** Closed set of error codes the API can answer, with their HTTP status and Chinese message. */
export const errorCodes = {
  VALIDATION_FAILED: { status: 400, message: '提交的数据不符合要求' },
  MALFORMED_REQUEST: { status: 400, message: '请求格式错误' },
  PAYLOAD_TOO_LARGE: { status: 413, message: '请求内容过大' },
  UNSUPPORTED_MEDIA_TYPE: { status: 415, message: '不支持的内容类型' },
  UNAUTHENTICATED: { status: 401, message: '请先登录' },
  SESSION_EXPIRED: { status: 401, message: '登录已超时，请重新登录' },
  // One answer for every refused sign-in (unknown name, wrong password, locked, disabled): no enumeration.
  INVALID_CREDENTIALS: {
    status: 401,
    message: '用户名或密码错误，或账号已被锁定，请稍后再试或联系安全管理员',
  },
  PASSWORD_CHANGE_REQUIRED: { status: 403, message: '请先修改初始密码' },
  CSRF_FAILED: { status: 403, message: '请求校验失败，请刷新页面后重试' },
  FORBIDDEN: { status: 403, message: '没有执行该操作的权限' },
  NOT_FOUND: { status: 404, message: '记录不存在' },
  CONFLICT: { status: 409, message: '数据已被修改或与现有记录冲突' },
  ALREADY_INITIALISED: { status: 409, message: '系统已初始化' },
  NOT_INITIALISED: { status: 409, message: '系统尚未初始化' },
  RULE_VIOLATION: { status: 422, message: '操作违反规定' },
  SIGN_IN_CODE_INVALID: { status: 403, message: '签到码无效，请扫描会场屏幕上的二维码' },
  SIGN_IN_CODE_EXPIRED: { status: 403, message: '签到码已过期，请重新扫描会场屏幕上的二维码' },
  SIGN_IN_CLOSED: { status: 409, message: '本次活动未开放签到或签到已结束' },
  NOT_INVITED: { status: 403, message: '您不在本次活动的参会名单中' },
  SIGN_IN_OUT_OF_PLACE: { status: 403, message: '当前位置不在签到范围内' },
  RESOLUTION_OUTCOME_MISMATCH: { status: 422, message: '表决结果与计票不符' },
  RATE_LIMITED: { status: 429, message: '请求过于频繁，请稍后再试' },
  INTERNAL: { status: 500, message: '服务器内部错误' },
  UNAVAILABLE: { status: 503, message: '服务暂不可用' },
} as const satisfies Record<string, { status: number; message: string }>;

/** One of the closed set of API error codes. */
export type ErrorCode = keyof typeof errorCodes;

/** Extra machine-readable context of an error, e.g. the offending fields. */
export interface ErrorDetails {
  fields?: { path: string; message: string }[];
  [key: string]: unknown;
}

/** The one error type of the domain; the server maps it to `{ code, message, details }`. */
export class AppError extends Error {
  readonly code: ErrorCode;
  readonly details: ErrorDetails | undefined;
  constructor(code: ErrorCode, message?: string, details?: ErrorDetails) {
    super(message ?? errorCodes[code].message);
    this.name = 'AppError';
    this.code = code;
    this.details = details;
  }
  /** HTTP status for this error's code. */
  get status(): number {
    return errorCodes[this.code].status;
  }
}

/** Shape of every error body the API sends. */
export interface ErrorBody {
  code: ErrorCode;
  message: string;
  details?: ErrorDetails;
}
