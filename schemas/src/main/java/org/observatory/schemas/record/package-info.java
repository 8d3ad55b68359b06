/** Value records shared by the modules: correspondence entries, match quality, observation status, manifests. */
package org.observatory.schemas.record;
