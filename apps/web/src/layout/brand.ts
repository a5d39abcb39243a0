/** The product name shown in the header and on the sign-in pages. */
export const brandName = '党建工作平台';
