/** The application's own value types, stored on disk by serialization; not exported. */
package io.twat.moduletest.app.model;
