/** Field limits shared by forms and the API. */
export const limits = {
  orgName: { min: 2, max: 60 },
  orgShortName: { max: 20 },
  orgCode: { max: 32 },
  schoolName: { min: 2, max: 60 },
  username: { min: 3, max: 32 },
  displayName: { min: 1, max: 40 },
  password: { max: 128 },
  personName: { min: 1, max: 40 },
  memberText: { max: 60 },
  note: { max: 500 },
  search: { max: 60 },
  pageSize: { max: 200 },
  termNumber: { min: 1, max: 99 },
} as const;

/** Largest JSON body the API accepts, in bytes. */
export const maxJsonBodyBytes = 256 * 1024;
