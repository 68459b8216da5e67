/** The signed-in session's CSRF token, sent as `x-csrf-token` with every write (see session.ts). */
let token: string | undefined;

export const csrfToken = (): string | undefined => token;
export const setCsrfToken = (t: string | undefined): void => {
  token = t;
};
