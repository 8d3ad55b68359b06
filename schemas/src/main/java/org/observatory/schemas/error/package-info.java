/** The platform's error codes, their types, and the exception that carries them. */
package org.observatory.schemas.error;
