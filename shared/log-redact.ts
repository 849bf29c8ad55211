// What must never be written to a log, by the shell or in the browser: ID document numbers (15 or 18
// characters, permits with letters) and anything given as a PIN or 密码. One line per entry.
export function redact(text: string): string {
  return text
    .replace(/(pin|密码|口令)(["'\s:：=]*)[^\s,，;；"'}]+/gi, '$1$2[已隐去]')
    .replace(/[A-Z]{0,2}\d{14,17}[\dXx]/g, '[证件号已隐去]')
    .replace(/[A-Z]\d{6,10}(\(\w\))?/g, '[证件号已隐去]')
    .replace(/[\r\n]+/g, ' ');
}
