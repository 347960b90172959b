/** The CSV rules live in the domain package, shared with the API's meeting export. */
export { spreadsheetText, toCsv } from '@culturebridge/domain';
