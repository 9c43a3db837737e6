/**
 * form-js's validator words its faults in English ("Field is required."). This didi module, given
 * to the viewer as an additional module, makes the `validator` service say them in Bahasa
 * Indonesia. form-js does not export its Validator class, so the service cannot be subclassed
 * without copying its rules; instead it is wrapped when the form starts (`__init__`) and each
 * message it returns is translated. A message this table does not know passes unchanged.
 */

type Messages = string[];

interface ValidatorService {
  validateField(field: unknown, value: unknown): Messages;
  validateFieldInstance(fieldInstance: unknown, value: unknown): Messages;
}

const TRANSLATIONS: [RegExp, (...parts: string[]) => string][] = [
  [/^Field is required\.$/, () => 'Wajib diisi.'],
  [/^Value is not a number\.$/, () => 'Isinya bukan angka.'],
  [/^Value is expected to be an integer\.$/, () => 'Harus bilangan bulat.'],
  [/^Value is expected to have at most (\d+) decimal digits?\.$/, (digits) => `Paling banyak ${digits} angka di belakang koma.`],
  [/^Please select a valid value, the two nearest valid values are (.+) and (.+)\.$/, (below, above) => `Nilai ini tidak sah; yang terdekat ${below} atau ${above}.`],
  [/^Field must match pattern (.+)\.$/, () => 'Bentuk isiannya tidak sesuai yang diminta.'],
  [/^Field must have minimum value of (.+)\.$/, (min) => `Paling kecil ${min}.`],
  [/^Field must have maximum value of (.+)\.$/, (max) => `Paling besar ${max}.`],
  [/^Min validation value is not a valid number\.$/, () => 'Batas terkecil pada formulir ini bukan angka; laporkan kepada penyusun SOP.'],
  [/^Max validation value is not a valid number\.$/, () => 'Batas terbesar pada formulir ini bukan angka; laporkan kepada penyusun SOP.'],
  [/^Field must have minimum length of (\d+)\.$/, (min) => `Paling sedikit ${min} karakter.`],
  [/^Field must have maximum length of (\d+)\.$/, (max) => `Paling banyak ${max} karakter.`],
  [/^Field must be a valid\s+international phone number\./, () => 'Harus nomor telepon internasional, mis. +62215551234.'],
  [/^Field must be a valid email\.$/, () => 'Harus alamat email yang sah.'],
];

/** One form-js validation message in Bahasa Indonesia (unknown messages unchanged). */
export function translateValidationMessage(message: string): string {
  for (const [pattern, say] of TRANSLATIONS) {
    const match = pattern.exec(message);
    if (match) return say(...match.slice(1).map((part) => part ?? ''));
  }
  return message;
}

/** Wraps the form's validator so every message it returns is translated. */
class IndonesianValidation {
  static $inject = ['validator'];

  constructor(validator: ValidatorService) {
    const field = validator.validateField.bind(validator);
    const instance = validator.validateFieldInstance.bind(validator);
    validator.validateField = (definition, value) => field(definition, value).map(translateValidationMessage);
    validator.validateFieldInstance = (fieldInstance, value) => instance(fieldInstance, value).map(translateValidationMessage);
  }
}

export default {
  __init__: ['indonesianValidation'],
  indonesianValidation: ['type', IndonesianValidation],
};
