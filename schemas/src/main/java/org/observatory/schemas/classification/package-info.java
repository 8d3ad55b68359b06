/** The shared classification: UNODC ICCS 2015, against which every national definition is normalised. */
package org.observatory.schemas.classification;
