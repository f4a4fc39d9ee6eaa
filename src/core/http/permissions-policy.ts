/**
 * The browser features no page or answer of the service may use: nothing here needs a camera, a
 * microphone, a location or a payment, and a page that cannot ask for them cannot be made to.
 * The one place to change when a page needs a feature: the web interface's pages allow WebAuthn
 * (`publickey-credentials-get` and `-create`) to the service's own origin, and nothing else.
 */
const DENIED_FEATURES = [
  'accelerometer',
  'ambient-light-sensor',
  'autoplay',
  'bluetooth',
  'browsing-topics',
  'camera',
  'display-capture',
  'encrypted-media',
  'fullscreen',
  'geolocation',
  'gyroscope',
  'hid',
  'identity-credentials-get',
  'idle-detection',
  'local-fonts',
  'magnetometer',
  'microphone',
  'midi',
  'otp-credentials',
  'payment',
  'picture-in-picture',
  'publickey-credentials-create',
  'publickey-credentials-get',
  'screen-wake-lock',
  'serial',
  'storage-access',
  'usb',
  'web-share',
  'window-management',
  'xr-spatial-tracking',
] as const;

/** The `Permissions-Policy` header's value: every feature above allowed to no origin. */
export const PERMISSIONS_POLICY = DENIED_FEATURES.map((feature) => `${feature}=()`).join(', ');

/** What the web interface's own pages may use: security keys and passkeys, for this origin only. */
const PAGE_FEATURES: ReadonlySet<string> = new Set(['publickey-credentials-create', 'publickey-credentials-get']);

/** The pages' `Permissions-Policy`: the same list, with WebAuthn allowed to the service itself. */
export const PAGE_PERMISSIONS_POLICY = DENIED_FEATURES.map(
  (feature) => `${feature}=${PAGE_FEATURES.has(feature) ? '(self)' : '()'}`,
).join(', ');
