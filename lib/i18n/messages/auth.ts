// Signing in (password, then a second factor when the account has one).
const ru = {
  login: {
    title: "Вход в панель",
    subtitle: "Управляйте своими VPS в реальном времени",
    login: "Email или имя пользователя",
    password: "Пароль",
    submit: "Войти",
    submitting: "Входим…",
    invalid: "Неверный логин или пароль",
    throttled: "Слишком много попыток. Попробуйте через {minutes, plural, one {# минуту} few {# минуты} many {# минут} other {# минуты}}.",
    failed: "Не удалось войти. Попробуйте ещё раз.",
    code: "Код подтверждения",
    codeHint: "6 цифр из приложения-аутентификатора или один из резервных кодов",
    codeInvalid: "Неверный или уже использованный код",
  },
};

const en: typeof ru = {
  login: {
    title: "Sign in",
    subtitle: "Manage your VPS in real time",
    login: "Email or username",
    password: "Password",
    submit: "Sign in",
    submitting: "Signing in…",
    invalid: "Wrong login or password",
    throttled: "Too many attempts. Try again in {minutes, plural, one {# minute} other {# minutes}}.",
    failed: "Could not sign in. Please try again.",
    code: "Verification code",
    codeHint: "6 digits from your authenticator app, or one of your recovery codes",
    codeInvalid: "Wrong or already used code",
  },
};

export default { ru, en };
